// How many source changes go into one target transaction. Big batches apply fastest, but a batch
// is lost if the process dies before its commit: after a restart with a large backlog on a loaded
// machine a fixed 5,000-change batch took longer than the time between kills, so nothing was ever
// committed. The size starts small and grows while batches commit quickly, shrinking when they
// take long, so every batch commits within about a second or two.
export class BatchSize {
  private n = 250;
  constructor(private readonly min = 50, private readonly max = 5000) {}
  get value(): number { return this.n; }
  /** Records how long a batch of `changes` took to apply and commit. */
  record(changes: number, ms: number): void {
    if (ms > 2000) this.n = Math.max(this.min, Math.floor(this.n / 2));
    else if (ms < 700 && changes >= this.n) this.n = Math.min(this.max, this.n * 2);
  }
}
