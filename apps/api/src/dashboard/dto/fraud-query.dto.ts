import { FRAUD_REFUSAL_VIEWS, FraudRefusalView } from '@otc/contracts';
import { OneOf, OptionalUuid } from './query-fields';

export class FraudRefusalsQueryDto {
  @OneOf(FRAUD_REFUSAL_VIEWS)
  view?: FraudRefusalView;

  @OptionalUuid()
  tokenId?: string;
}

export class ShadowFindingsQueryDto {
  @OptionalUuid()
  tokenId?: string;
}
