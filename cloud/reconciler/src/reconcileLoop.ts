import type { Logger } from '@orak/cloud-common';
import type { ReconcileReport, ReconcilerService } from './reconcilerService';

// Runs passes on a timer, one at a time: an on-demand pass during a timed one waits for it and runs next.

export class ReconcileLoop {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly service: ReconcilerService,
    private readonly intervalMs: number,
    private readonly log: Logger,
  ) {}

  start(): void {
    const tick = () => {
      this.runNow()
        .catch((error: unknown) => this.log.error({ err: error }, 'reconcile pass failed'))
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, this.intervalMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  runNow(): Promise<ReconcileReport> {
    const pass = this.running.catch(() => undefined).then(() => this.service.runOnce());
    this.running = pass;
    return pass;
  }
}
