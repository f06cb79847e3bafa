import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { TokenPolicy, UpdateTokenPolicyRequest } from '@otc/contracts';
import { IsInt, IsObject, IsOptional, Min } from 'class-validator';

export class UpdateTokenPolicyBodyDto implements Partial<UpdateTokenPolicyRequest> {
  // Checked field by field by parsePolicy in TokensService, which names the offending field.
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The whole new policy; missing fields take the defaults, a missing expiresIn keeps the current one' })
  @IsObject()
  policy!: Partial<TokenPolicy>;

  @ApiPropertyOptional({ description: 'The policy revision this edit is based on; a stale one is refused with 409' })
  @IsOptional()
  @IsInt()
  @Min(1)
  revision?: number;
}
