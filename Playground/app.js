// The playground's entry module: the loader, the network panel and the tabs. Each panel module is
// imported, and its domain chunk loaded, the first time its tab opens; nothing but the manifest and the
// runtime chunk is fetched at start.
import { RuvSwarm } from '/dist/loader.js';
import { NetworkPanel } from './network.js';

const network = new NetworkPanel(document.querySelector('#network-table tbody'), document.getElementById('network-log'));
// `?variant=scalar` (or simd) forces a variant; otherwise the loader picks SIMD where the engine has it.
const forced = new URLSearchParams(location.search).get('variant');
const ruv = new RuvSwarm({ baseURL: '/dist/', onEvent: (event) => network.event(event),
  ...(forced === 'simd' || forced === 'scalar' ? { variant: forced } : {}) });
network.attach(ruv);

/** The panels: tab id → { domain, module that exports `open(domainAPI, context)` }. */
const PANELS = {
  'tab-neural': { domain: 'neural', module: './neural.js', status: 'neural-status' },
  'tab-forecasting': { domain: 'forecasting', module: './forecasting.js', status: 'forecasting-status' },
  'tab-swarm': { domain: 'core', module: './swarm.js', status: 'swarm-status' },
};
const opened = new Map();

function setStatus(id, text, kind = '') {
  const element = document.getElementById(id);
  element.textContent = text;
  element.dataset.kind = kind;
}

/** Loads a panel's chunk and module once; a failure is shown in the panel and retried on the next open. */
function openPanel(tabId) {
  const panel = PANELS[tabId];
  if (!panel) return;
  let promise = opened.get(tabId);
  if (!promise) {
    setStatus(panel.status, `Loading the ${panel.domain} chunk…`, 'busy');
    promise = (async () => {
      const manifest = await ruv.manifest();
      if (!manifest.chunks[panel.domain]) {
        throw new Error(`this build has no ${panel.domain} chunk: rebuild it with \`ruvswarm bundle\``);
      }
      const started = performance.now();
      const [api, module] = await Promise.all([ruv.load(panel.domain), import(panel.module)]);
      setStatus(panel.status, `${panel.domain} chunk ready (${ruv.variant}, ${(performance.now() - started).toFixed(0)} ms).`, 'ok');
      await module.open(api, { ruv, refresh: () => network.refresh(), setStatus: (text, kind) => setStatus(panel.status, text, kind) });
      document.getElementById(panel.status.replace('-status', '-form'))?.setAttribute('data-ready', 'true');
    })();
    opened.set(tabId, promise);
    promise.catch((error) => {
      opened.delete(tabId);
      network.loadFailed(error);
      setStatus(panel.status, `Could not load: ${error.code ? `${error.code}: ` : ''}${error.message}`, 'error');
    });
  }
  return promise;
}

// Tabs (WAI-ARIA tabs pattern: arrow keys, Home and End move between tabs; activation follows focus).
const tabs = [...document.querySelectorAll('[role="tab"]')];
function select(tab, focus = true) {
  for (const t of tabs) {
    const selected = t === tab;
    t.setAttribute('aria-selected', String(selected));
    t.tabIndex = selected ? 0 : -1;
    document.getElementById(t.getAttribute('aria-controls')).hidden = !selected;
  }
  if (focus) tab.focus();
  if (location.hash !== `#${tab.id.slice(4)}`) history.replaceState(null, '', `#${tab.id.slice(4)}`);
  openPanel(tab.id);
}
for (const tab of tabs) {
  tab.addEventListener('click', () => select(tab));
  tab.addEventListener('keydown', (event) => {
    const i = tabs.indexOf(tab);
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    select(tabs[(next + tabs.length) % tabs.length]);
  });
}

// At start: the manifest and the runtime chunk only. The first panel's chunk loads when it is shown.
(async () => {
  try {
    await ruv.manifest();
    if (typeof ruv.loadRuntime === 'function') await ruv.loadRuntime();
  } catch (error) {
    network.failure(error);
  }
  const initial = tabs.find((t) => t.id === `tab-${location.hash.slice(1)}`) ?? tabs[0];
  select(initial, false);
})();
