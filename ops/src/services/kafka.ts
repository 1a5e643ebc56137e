import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { Kafka, logLevel } from 'kafkajs';
import { freePort } from '../freePort';
import { isAlive, launch, stopProcessGroup, waitUntilReady, type ServiceHandle } from '../serviceProcess';
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

function jvmArgs(dataDir: string): string[] {
  return [
    '-Xms256m',
    '-Xmx768m',
    '-XX:+UseG1GC',
    `-Dlog4j2.configurationFile=${join(dataDir, 'log4j2.properties')}`,
    '-cp',
    join(libsDir, '*'),
  ];
}

function launchBroker(dataDir: string): ReturnType<typeof launch> {
  return launch({
    name: 'kafka',
    command: 'java',
    args: [...jvmArgs(dataDir), 'kafka.Kafka', join(dataDir, 'server.properties')],
    dataDir,
  });
}

/** Ready once the broker answers a cluster description on its client port. */
async function waitForBroker(pid: number, logFile: string, brokers: string): Promise<void> {
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
}

/** Stops the broker by its pid (SIGTERM, a clean shutdown) and its watchdog, keeping the data folder for a restart. */
export async function stopKafkaBroker(handle: KafkaHandle): Promise<void> {
  if (handle.watchdogPid !== undefined) {
    try {
      process.kill(handle.watchdogPid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  await stopProcessGroup(handle.pid);
}

/**
 * Starts a stopped broker again on the same port and data folder (its server.properties holds both): the same
 * cluster with its topics, messages and committed offsets, as after a broker restart in production.
 */
export async function restartKafka(handle: KafkaHandle): Promise<KafkaHandle> {
  if (isAlive(handle.pid)) throw new Error(`kafka (pid ${handle.pid}) is still running: stop it first`);
  const started = Date.now();
  const { pid, logFile, watchdogPid } = launchBroker(handle.dataDir);
  await waitForBroker(pid, logFile, handle.settings.brokers);
  return {
    ...handle,
    pid,
    logFile,
    readyMs: Date.now() - started,
    ...(watchdogPid === undefined ? {} : { watchdogPid }),
  };
}

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
  writeFileSync(
    join(dataDir, 'log4j2.properties'),
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
  const jvm = jvmArgs(dataDir);
  const clusterId = randomBytes(16).toString('base64url');
  execFileSync(
    'java',
    [...jvm, 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', propsFile, '--ignore-formatted'],
    { stdio: 'pipe' },
  );
  const { pid, logFile, watchdogPid } = launchBroker(dataDir);
  const brokers = `127.0.0.1:${port}`;
  await waitForBroker(pid, logFile, brokers);
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
