import { useEffect, useState } from 'react';

/** The time now, re-rendering once a second while mounted (time in state, call duration). */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  return now;
}
