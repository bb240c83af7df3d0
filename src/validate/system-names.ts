import { LEGACY_PROMPTED_SYSTEM, PROMPTED_SYSTEM } from '../regression/prompted-system.js';
import type { LoadedSuite } from '../suite/load.js';
import type { Finding } from './types.js';

/**
 * A system named `baseline` reads like the saved snapshot (reports/<suite>/baseline.json), and messages
 * such as "skipped baseline" next to "no saved baseline yet" then mean two things. It still works (it is
 * taken as the prompted system); the warning asks for the name that says what it is.
 */
export function systemNameWarnings(suite: LoadedSuite): Finding[] {
  if (!suite.systems.some((system) => system.name === LEGACY_PROMPTED_SYSTEM)) return [];
  return [
    {
      file: suite.file,
      column: `systems.${LEGACY_PROMPTED_SYSTEM}`,
      severity: 'warning',
      message: `a system named "${LEGACY_PROMPTED_SYSTEM}" is easily confused with the saved baseline (reports/${suite.name}/baseline.json); rename it "${PROMPTED_SYSTEM}" if it is the prompted model, or give it a name of its own`,
    },
  ];
}
