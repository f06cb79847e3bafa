import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CLOCK, Clock, systemClock } from './common/clock';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source-options';
import { HealthModule } from './health/health.module';
import { EventsModule } from './events/events.module';
import { HooksModule } from './hooks/hooks.module';
import { MetricsModule } from './metrics/metrics.module';
import { AdminModule } from './admin/admin.module';

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
    return {
      module: AppModule,
      global: true,
      imports: [
        ConfigModule.forRoot(options.config),
        TypeOrmModule.forRoot(dataSourceOptions(options.databaseUrl)),
        HealthModule,
        MetricsModule,
        HooksModule,
        EventsModule,
        AdminModule,
      ],
      providers: globals,
      exports: globals.map((g) => g.provide),
    };
  }
}
