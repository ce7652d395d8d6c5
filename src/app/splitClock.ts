// The one clock of a split view (compare=…). The page's runner leads and the second pane's
// runner follows: before each new frame the leader asks whether the follower still has to reach
// its time, and a frame of the leader that arrives ahead of the follower (every step of play, and
// a jump: a paused link's time, or the end) is held back, not shown, until the follower has
// reached it too, meanwhile the follower aims at the held time: so both panes show the same t. The page wires one
// of these into both runners.
export class SplitClock {
  private behind: ((t: number) => boolean) | null = null;
  /** the time of the leader's frame waiting for the follower; null when none waits */
  held: number | null = null;

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

  private onArrived: (() => void) | null = null;

  /**
   * The leader's way to hear that the follower has shown a new frame, so a frame held for it
   * goes on screen in the same turn rather than an animation frame later (in software a
   * repaint is 0.1 s: the panes showed different times for that long); the returned function
   * withdraws it.
   */
  lead(onArrived: () => void): () => void {
    this.onArrived = onArrived;
    return () => {
      if (this.onArrived === onArrived) this.onArrived = null;
    };
  }

  /** The follower has shown a new frame. */
  arrived(): void {
    this.onArrived?.();
  }

  /** Where the follower is to go: the held frame's time, else the time the leader shows. */
  target(shown: number): number {
    return this.held ?? shown;
  }
}
