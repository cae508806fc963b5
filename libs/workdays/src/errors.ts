/**
 * A computation needed a day of a year whose holiday schedule (节假日安排) has not been published. Working days
 * in that year are unknown: guessing them would silently move a legal deadline, so by default we refuse.
 */
export class CalendarGapError extends Error {
  override readonly name = 'CalendarGapError';
  readonly year: number;

  constructor(year: number) {
    super(
      `${year} 年的节假日安排尚未发布，无法确定该年的工作日，请先录入国务院办公厅的放假通知` +
        ` (no official holiday schedule for ${year} has been published; working days in ${year} are unknown)`,
    );
    this.year = year;
  }
}
