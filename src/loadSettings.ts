/**
 * The process's settings, loaded once at start by each entry (index, cli, doctor): the product's Config
 * (src/config/) and, in demo mode, the demo's own (src/demo/settings.ts, through its wiring); each problem
 * one line.
 */
import { loadConfig, type Config } from './config';
import { loadDemoSettings, misplacedDemoSettings, type DemoSettings } from './demo/wiring';

type Env = Record<string, string | undefined>;

export type Settings = { ok: true; config: Config; demoSettings?: DemoSettings } | { ok: false; errors: string[] };

export function loadSettings(env: Env = process.env): Settings {
  const loaded = loadConfig(env);
  if (!loaded.ok) return loaded;
  if (loaded.config.mode !== 'demo') {
    const errors = misplacedDemoSettings(env);
    return errors.length > 0 ? { ok: false, errors } : loaded;
  }
  const demo = loadDemoSettings(env);
  return demo.ok ? { ...loaded, demoSettings: demo.settings } : demo;
}
