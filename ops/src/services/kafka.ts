import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { Kafka, logLevel } from 'kafkajs';
import { freePort } from '../freePort';
import { launch, waitUntilReady, type ServiceHandle } from '../serviceProcess';
import { makeDataDir } from '../serviceDirs';

const kafkaDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'kafka');
const libsDir = join(kafkaDir, 'target', 'libs');

/** Resolves the broker's jars from Maven Central into ops/kafka/target/libs (cached in ~/.m2). */
export function ensureKafkaJars(): void {
  if (existsSync(libsDir) && readdirSync(libsDir).some((f) => f.startsWith('kafka_2.13'))) return;
  execFileSync(
    'mvn',
    ['-q', '-B', 'dependency:copy-dependencies', '-DoutputDirectory=target/libs', '-DincludeScope=runtime'],
    { cwd: kafkaDir, stdio: 'inherit' },
  );
}

export interface KafkaStartOptions {
  /** Topics to create before returning, with their partition counts. */
  topics?: Record<string, number>;
}

export type KafkaHandle = ServiceHandle<{ brokers: string }>;

/** Starts a single-node Apache Kafka broker in KRaft mode (broker + controller in one JVM). */
export async function startKafka(options: KafkaStartOptions = {}): Promise<KafkaHandle> {
  const started = Date.now();
  ensureKafkaJars();
  const dataDir = makeDataDir('kafka');
  const [port, controllerPort] = [await freePort(), await freePort()];
  const properties = [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    `log.dirs=${join(dataDir, 'data')}`,
    'num.partitions=3',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=3',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    'auto.create.topics.enable=true',
  ].join('\n');
  const propsFile = join(dataDir, 'server.properties');
  writeFileSync(propsFile, `${properties}\n`);
  const log4j = join(dataDir, 'log4j2.properties');
  writeFileSync(
    log4j,
    [
      'appender.console.type=Console',
      'appender.console.name=STDOUT',
      'appender.console.layout.type=PatternLayout',
      'appender.console.layout.pattern=[%d] %p %m (%c)%n',
      'rootLogger.level=WARN',
      'rootLogger.appenderRef.stdout.ref=STDOUT',
      'logger.kafka.name=kafka.server.KafkaRaftServer',
      'logger.kafka.level=INFO',
      '',
    ].join('\n'),
  );
  const classpath = join(libsDir, '*');
  const jvm = [
    '-Xms256m',
    '-Xmx768m',
    '-XX:+UseG1GC',
    `-Dlog4j2.configurationFile=${log4j}`,
    '-cp',
    classpath,
  ];
  const clusterId = randomBytes(16).toString('base64url');
  execFileSync(
    'java',
    [...jvm, 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', propsFile, '--ignore-formatted'],
    { stdio: 'pipe' },
  );
  const { pid, logFile, watchdogPid } = launch({
    name: 'kafka',
    command: 'java',
    args: [...jvm, 'kafka.Kafka', propsFile],
    dataDir,
  });
  const brokers = `127.0.0.1:${port}`;
  const kafka = new Kafka({
    clientId: 'orak-stack',
    brokers: [brokers],
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
  });
  await waitUntilReady(
    'kafka',
    pid,
    logFile,
    async () => {
      const admin = kafka.admin();
      try {
        await admin.connect();
        await admin.describeCluster();
        return true;
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
    },
    120_000,
  );
  if (options.topics && Object.keys(options.topics).length > 0) {
    const admin = new Kafka({
      clientId: 'orak-stack',
      brokers: [brokers],
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: Object.entries(options.topics).map(([topic, numPartitions]) => ({ topic, numPartitions })),
      });
    } finally {
      await admin.disconnect();
    }
  }
  return {
    name: 'kafka',
    pid,
    dataDir,
    logFile,
    readyMs: Date.now() - started,
    ...(watchdogPid === undefined ? {} : { watchdogPid }),
    settings: { brokers },
  };
}
