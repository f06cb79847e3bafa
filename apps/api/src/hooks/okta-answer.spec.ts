import { REASON_CODES } from '@otc/contracts';
import { errorAnswer, invalidRequestAnswer, successAnswer } from './okta-answer';

describe('Okta telephony answers', () => {
  it('should answer success with the command, status, provider and transaction id Okta requires', () => {
    expect(successAnswer('VONAGE', 'req-1', 'channel=SMS')).toEqual({
      commands: [
        {
          type: 'com.okta.telephony.action',
          value: [{ status: 'SUCCESSFUL', provider: 'VONAGE', transactionId: 'req-1', transactionMetadata: 'channel=SMS' }],
        },
      ],
    });
  });

  it('should cut transactionMetadata to 200 characters', () => {
    const answer = successAnswer('VONAGE', 'req-1', 'x'.repeat(500));
    expect(answer.commands![0].value[0].transactionMetadata).toHaveLength(200);
  });

  it('should answer a refusal with an error object: the end-user message as summary and the reason code as cause', () => {
    const answer = errorAnswer('RATE_LIMITED');
    expect(answer.commands).toBeUndefined();
    expect(answer.error!.errorSummary).toBe(REASON_CODES.RATE_LIMITED.endUserMessage);
    expect(answer.error!.errorCauses[0]).toMatchObject({ reason: 'RATE_LIMITED', errorSummary: REASON_CODES.RATE_LIMITED.description });
  });

  it('should fall back to a generic summary for codes with no end-user message', () => {
    expect(errorAnswer('DELIVERY_FAILED').error!.errorSummary).toBe('The code could not be sent.');
  });

  it('should name each invalid field of the request as a cause', () => {
    const answer = invalidRequestAnswer([{ field: 'data.messageProfile.otpCode', message: 'otpCode must be 4 to 10 letters or digits' }]);
    expect(answer.error!.errorCauses).toEqual([
      expect.objectContaining({ reason: 'INVALID_REQUEST', location: 'data.messageProfile.otpCode' }),
    ]);
  });
});
