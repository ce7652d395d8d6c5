// Work in slices queued behind a worker's messages: a message posted to a channel of our own is
// a task like the incoming requests, with none of setTimeout's clamping, so a request waits at
// most one slice.

/** Returns `queue`: runs `slice` as a task of its own, again while it returns true (more to do). */
export function sliceQueue(slice: () => boolean): () => void {
  const channel = new MessageChannel();
  let queued = false;
  const queue = () => {
    if (queued) return;
    queued = true;
    channel.port2.postMessage(null);
  };
  channel.port1.onmessage = () => {
    queued = false;
    if (slice()) queue();
  };
  return queue;
}
