import { loadConfig, type Config, type ConfigOverrides } from '../config.js';
import { createDevSecrets } from '../dev-secrets.js';

/**
 * The CLI's config: development keys and secrets missing from the environment are first generated into the data
 * directory (loadConfig only reads them), and what was generated leads the warnings the command prints.
 */
export function loadCliConfig(env: Record<string, string | undefined>, overrides?: ConfigOverrides): Config {
  const generated = createDevSecrets(env);
  const config = loadConfig({ env, ...(overrides !== undefined ? { overrides } : {}) });
  return { ...config, warnings: [...generated, ...config.warnings] };
}
