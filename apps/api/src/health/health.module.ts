import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { RedisPing } from './redis-ping';

@Module({ controllers: [HealthController], providers: [RedisPing] })
export class HealthModule {}
