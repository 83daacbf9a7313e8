import type { KeyboardEvent } from 'react';

/**
 * A list item that is not a button but acts like one: Enter or Space runs `action`, as a
 * click does (the page does not scroll on Space).
 */
export function onActivateKey(action: () => void): (e: KeyboardEvent) => void {
  return (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      action();
    }
  };
}
