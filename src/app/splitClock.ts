// The one clock of a split view (compare=…). The page's runner leads and the second pane's
// runner follows: before each new frame the leader asks whether the follower still has to reach
// its time, so both panes always show the same t. The page wires one of these into both runners.
export class SplitClock {
  private behind: ((t: number) => boolean) | null = null;

  /** The follower's test of whether it is still behind t; the returned function withdraws it. */
  follow(behind: (t: number) => boolean): () => void {
    this.behind = behind;
    return () => {
      if (this.behind === behind) this.behind = null;
    };
  }

  /** Whether the leader waits at t; never without a follower (no comparison). */
  holds(t: number): boolean {
    return this.behind !== null && this.behind(t);
  }
}
