// A box that scrolls its own content (the strip's counts box) says that there is more: it
// carries data-more="above", "below" or "above below", which app.css turns into a fade at
// that edge. Follows scrolling, the box's size and its content's.
import { useEffect, useRef } from 'react';

export function useScrollFade<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => {
      const more = [];
      if (el.scrollTop > 1) more.push('above');
      if (el.scrollTop + el.clientHeight < el.scrollHeight - 1) more.push('below');
      const value = more.join(' ');
      if ((el.dataset.more ?? '') !== value) {
        if (value) el.dataset.more = value;
        else delete el.dataset.more;
      }
    };
    const resize = new ResizeObserver(update);
    resize.observe(el);
    const content = new MutationObserver(update);
    content.observe(el, { childList: true, subtree: true, characterData: true });
    el.addEventListener('scroll', update, { passive: true });
    update();
    return () => {
      resize.disconnect();
      content.disconnect();
      el.removeEventListener('scroll', update);
    };
  }, []);
  return ref;
}
