import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditEntity } from './audit.entity';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';

/** The audit trail on its own, so the CLI can record its actions without the HTTP admin module. */
@Module({
  imports: [TypeOrmModule.forFeature([AuditEntity])],
  providers: [AuditRepository, AuditService],
  exports: [AuditService],
})
export class AuditModule {}
