import { ApiProperty } from '@nestjs/swagger';
import type { LoginRequest } from '@otc/contracts';
import { IsString, Length } from 'class-validator';

export class LoginBodyDto implements LoginRequest {
  @ApiProperty({ description: 'The Vonage API key this instance is configured with (sandbox: the generated one)' })
  @IsString()
  @Length(1, 256)
  apiKey!: string;

  @ApiProperty({ description: 'The matching Vonage API secret' })
  @IsString()
  @Length(1, 256)
  apiSecret!: string;
}
