// The stamp search off the page's thread (a module worker; lib/dvs/stamp.js findStampInWorker
// starts it): gets {digest, bits}, posts {type: 'progress', attempts} after each batch and
// {type: 'done', stamp} or {type: 'error', code, message} at the end. Cancelling terminates it.
import { findStamp } from './stamp.js';

self.onmessage = async (ev) => {
  const { digest, bits } = ev.data;
  try {
    const stamp = await findStamp(new Uint8Array(digest), bits, {
      onProgress: (attempts) => self.postMessage({ type: 'progress', attempts }),
    });
    self.postMessage({ type: 'done', stamp });
  } catch (e) {
    self.postMessage({ type: 'error', code: e.code || 'WORKER_FAILED', message: e.message });
  }
};
