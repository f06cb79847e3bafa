/** Without otpExpires, a stored code is erased this long after the send. */
export const CODE_TTL_WITHOUT_EXPIRY_MS = 15 * 60_000;

/**
 * The expiry sweep reads erase times past its watermark only once, so a code must be stored before
 * its erase time passes: the hook stores it within its budget (seconds), and clocks of instances may
 * differ a little. Erasing a code this long after the send at the earliest leaves room for both.
 */
export const MIN_CODE_LIFETIME_MS = 60_000;

/**
 * When the code an attempt may store is erased: at Okta's expiry (or CODE_TTL_WITHOUT_EXPIRY_MS
 * after the send without one), never earlier than MIN_CODE_LIFETIME_MS after the send. Fixed when
 * the attempt is claimed, so its index entry is written once, by the insert.
 */
export function codeEraseAt(createdAt: Date, otpExpiresAt: Date | null): Date {
  const due = otpExpiresAt ? otpExpiresAt.getTime() : createdAt.getTime() + CODE_TTL_WITHOUT_EXPIRY_MS;
  return new Date(Math.max(due, createdAt.getTime() + MIN_CODE_LIFETIME_MS));
}
