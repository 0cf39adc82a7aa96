// Small helpers of the routing pages: agents' states, availability, durations.

import { useEffect, useState } from 'preact/hooks';
import type { Agent, AgentState } from '../../shared/protocol';

/** The agent's state: the server's, or derived from status, load and capacity for older servers. */
export function stateOf(agent: Agent): AgentState {
  if (agent.state) return agent.state;
  if (agent.status === 'online' && agent.capacity > 0 && agent.load >= agent.capacity) return 'busy';
  return agent.status;
}

/** Whether a transfer to this agent can succeed: online, connected and below capacity. */
export function isAvailable(agent: Agent): boolean {
  return (
    agent.status === 'online' &&
    stateOf(agent) === 'online' &&
    agent.connected !== false &&
    agent.load < agent.capacity
  );
}

export type DurationParts = { h: number; m: number; s: number };

/** Whole hours, minutes and seconds of a duration in milliseconds (negative counts as 0). */
export function durationParts(ms: number): DurationParts {
  const total = Math.max(0, Math.floor(ms / 1000));
  return { h: Math.floor(total / 3600), m: Math.floor((total % 3600) / 60), s: total % 60 };
}

/** The current time, re-rendering the caller every `periodMs`. */
export function useNow(periodMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), periodMs);
    return () => clearInterval(timer);
  }, [periodMs]);
  return now;
}

/** A whole number ≥ min (and ≤ max) from a form field, or null when the text is not one. */
export function intOf(text: string, min = 0, max = Number.MAX_SAFE_INTEGER): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const n = Number(trimmed);
  return Number.isSafeInteger(n) && n >= min && n <= max ? n : null;
}
