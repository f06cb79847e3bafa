import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CLOCK, Clock, systemClock } from './common/clock';
import { AppConfig } from './config/app-config';
import { SIGN_IN_PROBE } from './delivery/fallback.service';
import { SEND_METER } from './delivery/send-meter';
import { ActivityReportModule } from './delivery/activity-report.module';
import { ActivityReportService } from './delivery/activity-report.service';
import { CONVERSION_RECORDS } from './fraud/conversion-records';
import { SpendCapService } from './spend/spend-cap.service';
import { SpendModule } from './spend/spend.module';
import { EventsService } from './events/events.service';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source-options';
import { DashboardModule } from './dashboard/dashboard.module';
import { HealthModule } from './health/health.module';
import { loggingModule } from './common/logging';
import { EventsModule } from './events/events.module';
import { HooksModule } from './hooks/hooks.module';
import { MetricsModule } from './metrics/metrics.module';
import { AdminModule } from './admin/admin.module';
import { AlertsModule } from './alerts/alerts.module';

export interface AppModuleOptions {
  config: AppConfig;
  databaseUrl: string;
  clock?: Clock;
  /** Extra providers made global, e.g. the sandbox simulator. */
  globals?: Array<{ provide: symbol; useValue: unknown }>;
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    const globals = [{ provide: CLOCK, useValue: options.clock ?? systemClock }, ...(options.globals ?? [])];
    const config = ConfigModule.forRoot(options.config);
    // The composition root is the one global module: it shares configuration, clock and metrics, and
    // plugs the events module's answer into the delivery module's sign-in port (delivery cannot import events).
    const signInProbe = { provide: SIGN_IN_PROBE, useExisting: EventsService };
    // Likewise the spend module's counter into the delivery module's send meter (voice fallbacks count towards a token's month).
    const sendMeter = { provide: SEND_METER, useExisting: SpendCapService };
    // And the activity records into the fraud guard, which seeds its proven countries from them.
    const conversionRecords = { provide: CONVERSION_RECORDS, useExisting: ActivityReportService };
    return {
      module: AppModule,
      global: true,
      imports: [
        config,
        loggingModule(options.config.logLevel),
        TypeOrmModule.forRoot(dataSourceOptions(options.databaseUrl)),
        HealthModule,
        MetricsModule,
        HooksModule,
        EventsModule,
        DashboardModule,
        AdminModule,
        AlertsModule,
        SpendModule,
        ActivityReportModule,
      ],
      providers: [...globals, signInProbe, sendMeter, conversionRecords],
      exports: [...globals.map((g) => g.provide), SIGN_IN_PROBE, SEND_METER, CONVERSION_RECORDS, config, MetricsModule],
    };
  }
}
