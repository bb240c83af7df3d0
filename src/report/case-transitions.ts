import { TRANSITION_ORDER, type CaseTransition, type SystemRegression } from '../regression/diff-runs.js';
import type { ReportData } from './report-data.js';

const NONE = -1;

/** Where each case's transition sits in one system's list, and which transition it is (TRANSITION_ORDER's index). */
interface Places {
  list: SystemRegression['cases'];
  at: Int32Array;
  kind: Uint8Array;
}

/**
 * Each case's transition for each system, looked up by case id while a report walks the cases. A Map
 * of every case's CaseTransition per system held a million objects (with their verdicts and reasons)
 * for as long as a report was written; this keeps, per system, five bytes per case of the run (where
 * the case's transition sits in the system's list, and its kind, by the case's place in the dataset)
 * and builds a transition again when it is asked for. Like the Map it replaces, a case the run has
 * twice (the same id) finds the transition of that id.
 */
export class CaseTransitions {
  private readonly bySystem = new Map<string, Places | undefined>();

  constructor(private readonly data: ReportData) {}

  /** The case's transition for `system`, or undefined (the system was not compared, or not on this case). */
  get(system: string, caseId: string): CaseTransition | undefined {
    const places = this.places(system);
    const position = this.data.cases.position(caseId);
    if (!places || position === undefined || places.at[position] === NONE) return undefined;
    return places.list.at(places.at[position]);
  }

  /** The worst transition any of `systems` had on the case, as an index into TRANSITION_ORDER (its length when none had one). */
  rank(caseId: string, systems: readonly string[]): number {
    const position = this.data.cases.position(caseId);
    let best = TRANSITION_ORDER.length;
    if (position === undefined) return best;
    for (const system of systems) {
      const places = this.places(system);
      if (places && places.at[position] !== NONE) best = Math.min(best, places.kind[position]);
    }
    return best;
  }

  private places(system: string): Places | undefined {
    if (this.bySystem.has(system)) return this.bySystem.get(system);
    const list = this.data.assessment.regression.systems.find((s) => s.system === system)?.cases;
    let places: Places | undefined;
    if (list) {
      places = { list, at: new Int32Array(this.data.cases.size).fill(NONE), kind: new Uint8Array(this.data.cases.size) };
      let at = 0;
      for (const c of list) {
        const position = this.data.cases.position(c.caseId);
        // The last of an id wins, as it did in a Map built from the list.
        if (position !== undefined) {
          places.at[position] = at;
          places.kind[position] = TRANSITION_ORDER.indexOf(c.transition);
        }
        at += 1;
      }
    }
    this.bySystem.set(system, places);
    return places;
  }
}
