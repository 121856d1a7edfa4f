import * as core from '@actions/core';
import { MAX_WARNINGS_PER_STEP } from '../report/annotations.js';

/** Counts the warnings a step has emitted, so later ones can fit in what is left. */
export class WarningBudget {
  private used = 0;

  /** Emits a warning annotation and counts it. */
  warn(message: string, properties?: core.AnnotationProperties): void {
    this.used++;
    core.warning(message, properties);
  }

  /** Warnings still shown in this step. */
  left(): number {
    return Math.max(0, MAX_WARNINGS_PER_STEP - this.used);
  }
}
