// Texts in the chosen language. Each area of the app has its own file per language,
// i18n/<lang>/<area>.json, and its keys start with the area's prefix (wallet.*, dvs.*, ...);
// the files are merged, and a key defined twice is a test failure (bcos-web's i18n test).

export const LANGS = ['en', 'ko'];
/** The files every language has (i18n/<lang>/<area>.json). */
export const AREAS = ['common', 'explorer', 'wallet', 'dvs', 'results', 'delegation', 'poll', 'governance'];

let messages = {};
let lang = 'en';

/** The text of `key` in the chosen language (the key itself if it has none). */
export function t(key, vars) {
  let text = Object.hasOwn(messages, key) ? messages[key] : key;
  if (vars) {
    for (const [name, value] of Object.entries(vars)) text = text.replaceAll(`{${name}}`, String(value));
  }
  return text;
}

/** The chosen language ('en' or 'ko'). */
export function language() {
  return lang;
}

/** Loads every area's texts of `next` (falls back to 'en' for an unknown language). */
export async function load(next) {
  const chosen = LANGS.includes(next) ? next : 'en';
  const parts = await Promise.all(AREAS.map(async (area) => {
    const res = await fetch(`i18n/${chosen}/${area}.json`);
    return res.ok ? res.json() : {};
  }));
  messages = Object.assign({}, ...parts);
  lang = chosen;
  return chosen;
}
