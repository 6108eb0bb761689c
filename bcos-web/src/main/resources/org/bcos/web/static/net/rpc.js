// JSON-RPC to the node that served this page: POST /rpc, and /ws for subscriptions.
// Same origin only (the node's CSP allows nothing else). docs/RPC.md lists the methods.
// Answers are parsed exactly (net/json.js): integers beyond 2^53 arrive as BigInt.

import { parseExact } from './json.js';

/** Max time one HTTP call may take before it is abandoned. */
export const CALL_TIMEOUT_MILLIS = 10_000;
/** Reconnect delays of the WebSocket (doubling, capped). */
export const WS_RETRY_MIN_MILLIS = 500;
export const WS_RETRY_MAX_MILLIS = 15_000;

let nextId = 1;

/** An error the node answered (code and message as docs/RPC.md names them). */
export class RpcError extends Error {
  constructor(code, message, data) {
    super(message);
    this.code = code;
    this.data = data;
  }
}

/** Calls one method over HTTP; resolves to its result or rejects with an RpcError. */
export async function call(method, params = []) {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), CALL_TIMEOUT_MILLIS);
  try {
    const res = await fetch('/rpc', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: nextId++, method, params }),
      signal: ctrl.signal,
    });
    const reply = parseExact(await res.text());
    if (reply.error) throw new RpcError(reply.error.code, reply.error.message, reply.error.data);
    return reply.result;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A WebSocket to /ws that reconnects (bounded backoff) and re-subscribes after each reconnect.
 * subscribe(kind, target, onResult) returns a function that ends the subscription.
 * onState(state) hears 'live' and 'offline'.
 */
export function connect(onState = () => {}) {
  const subs = new Map(); // local key -> {params, onResult, id}
  const pending = new Map(); // request id -> local key
  let ws = null;
  let delay = WS_RETRY_MIN_MILLIS;
  let closed = false;
  let localKey = 0;

  function send(sub, key) {
    const id = nextId++;
    pending.set(id, key);
    ws.send(JSON.stringify({ jsonrpc: '2.0', id, method: 'bcos_subscribe', params: sub.params }));
  }

  function open() {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    ws = new WebSocket(`${scheme}//${location.host}/ws`);
    ws.addEventListener('open', () => {
      delay = WS_RETRY_MIN_MILLIS;
      onState('live');
      for (const [key, sub] of subs) send(sub, key);
    });
    ws.addEventListener('message', (ev) => onMessage(ev.data));
    ws.addEventListener('close', () => {
      onState('offline');
      if (closed) return;
      setTimeout(open, delay);
      delay = Math.min(delay * 2, WS_RETRY_MAX_MILLIS);
    });
  }

  function onMessage(text) {
    let msg;
    try {
      msg = parseExact(text);
    } catch {
      return;
    }
    if (msg.method === 'bcos_subscription' && msg.params) {
      for (const sub of subs.values()) {
        if (sub.id === msg.params.subscription) sub.onResult(msg.params.result);
      }
    } else if (pending.has(msg.id)) {
      const sub = subs.get(pending.get(msg.id));
      pending.delete(msg.id);
      if (sub && typeof msg.result === 'string') sub.id = msg.result;
    }
  }

  open();
  return {
    subscribe(kind, target, onResult) {
      const params = target === undefined ? [kind] : [kind, target];
      const key = localKey++;
      const sub = { params, onResult, id: null };
      subs.set(key, sub);
      if (ws.readyState === WebSocket.OPEN) send(sub, key);
      return () => {
        subs.delete(key);
        if (sub.id && ws.readyState === WebSocket.OPEN) {
          ws.send(JSON.stringify({ jsonrpc: '2.0', id: nextId++, method: 'bcos_unsubscribe',
            params: [sub.id] }));
        }
      };
    },
    close() {
      closed = true;
      ws.close();
    },
  };
}
