import { randomUUID } from 'crypto';

// Bodies copied in shape from the recorded fixtures in shared/contracts/vonage/examples.
export interface InvalidParameter {
  name: string;
  reason: string;
}

const problem = (type: string, title: string, detail: string, extra: object = {}) => ({
  type,
  title,
  detail,
  instance: randomUUID(),
  ...extra,
});

export const problems = {
  unauthorized: () =>
    problem('https://developer.nexmo.com/api-errors#unauthorized', 'Unauthorized', 'You did not provide correct credentials.'),
  forbidden: () =>
    problem('https://developer.nexmo.com/api-errors#forbidden', 'Forbidden', 'Your account does not have permission to perform this action.'),
  notFound: (requestId: string) =>
    problem('https://developer.nexmo.com/api-errors#not-found', 'Not Found', `Request '${requestId}' was not found or it has been verified already.`),
  routeNotFound: () => problem('https://developer.nexmo.com/api-errors#not-found', 'Not Found', 'The requested resource does not exist.'),
  invalidParams: (invalid: InvalidParameter[]) =>
    problem('https://www.nexmo.com/messages/Errors#InvalidParams', 'Invalid params', 'The value of one or more parameters is invalid', {
      invalid_parameters: invalid,
    }),
  invalidSender: () =>
    problem('https://developer.nexmo.com/api-errors#invalid-param', 'Invalid sender', 'The `from` parameter is invalid.'),
  concurrent: (activeRequestId: string) =>
    problem('https://www.developer.vonage.com/api-errors/verify#conflict', 'Conflict', 'Concurrent verifications to the same number are not allowed.', {
      request_id: activeRequestId,
    }),
  invalidCode: () =>
    problem('https://developer.nexmo.com/api-errors#bad-request', 'Invalid Code', 'The code you provided does not match the expected value.'),
  tooManyAttempts: () =>
    problem('https://developer.nexmo.com/api-errors#gone', 'Invalid Code', 'An incorrect code has been provided too many times. Workflow terminated.'),
  codeNotSupported: () =>
    problem('https://developer.nexmo.com/api-errors#conflict', 'Conflict', 'The current Verify workflow step does not support a code.'),
  noMoreEvents: () => problem('https://developer.nexmo.com/api-errors#conflict', 'Conflict', 'There are no more events left to trigger.'),
  rateLimit: () => problem('https://www.developer.vonage.com/api-errors#throttled', 'Rate Limit Hit', 'Please wait, then retry your request'),
  internalError: () =>
    problem('https://developer.nexmo.com/api-errors#internal-error', 'Internal Server Error', 'Something went wrong on our side (simulated).'),
  unavailable: () =>
    problem('https://developer.nexmo.com/api-errors#service-unavailable', 'Service Unavailable', 'The service is temporarily unavailable (simulated).'),
  malformedJson: () => problem('https://developer.vonage.com/api-errors#invalid-json', 'Malformed JSON', 'Malformed JSON payload'),
};
