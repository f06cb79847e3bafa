import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { ErrorFilter } from '../common/error-filter';
import { validationPipe } from '../common/validation-pipe';
import { ActivityController } from './activity.controller';
import { DashboardController } from './dashboard.controller';
import { DashboardService } from './dashboard.service';

describe('admin dashboard and activity controllers', () => {
  let app: NestFastifyApplication;
  const dashboard = {
    summary: jest.fn(async () => ({ counters: {} })),
    activityPage: jest.fn(async () => ({ items: [], nextCursor: null })),
    authEventPage: jest.fn(async () => ({ items: [], nextCursor: null })),
    tokenStats: jest.fn(async () => ({ attempts: 0 })),
    resolveSearch: (q: string) => (q.startsWith('+') ? { destinationHash: `hash-of-${q}` } : { oktaUser: q }),
  };

  beforeAll(async () => {
    @Module({ controllers: [DashboardController, ActivityController], providers: [{ provide: DashboardService, useValue: dashboard }] })
    class OnlyTheseControllers {}
    app = await NestFactory.create<NestFastifyApplication>(OnlyTheseControllers, new FastifyAdapter(), { logger: false });
    app.useGlobalFilters(new ErrorFilter());
    app.useGlobalPipes(validationPipe);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(() => app.close());

  it.each([
    ['/v1/admin/dashboard?period=1y', 'period'],
    ['/v1/admin/activity?outcome=LOST', 'outcome'],
    ['/v1/admin/activity?outcome=DELIVERED,SUCCESS', 'outcome'],
    ['/v1/admin/activity?q=' + '9'.repeat(201), 'q'],
    ['/v1/admin/auth-events?kind=mine', 'kind'],
    ['/v1/admin/tokens/abc/stats?period=1y', 'period'],
    ['/v1/admin/activity?channel=fax', 'channel'],
    ['/v1/admin/activity?tokenId=abc', 'tokenId'],
    ['/v1/admin/activity?from=yesterday', 'from'],
    ['/v1/admin/activity?limit=0', 'limit'],
    ['/v1/admin/activity?cursor=bm9wZQ', 'cursor'],
    ['/v1/admin/activity/export?to=soon', 'to'],
    ['/v1/admin/auth-events?limit=9999', 'limit'],
  ])('should answer 400 naming the parameter for %s', async (url, field) => {
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  it('should pass parsed filters through', async () => {
    expect((await app.inject({ method: 'GET', url: '/v1/admin/activity?outcome=delivery_failed,BLOCKED_BY_VONAGE&channel=sms&limit=5' })).statusCode).toBe(200);
    expect(dashboard.activityPage).toHaveBeenLastCalledWith(
      { outcomes: ['DELIVERY_FAILED', 'BLOCKED_BY_VONAGE'], channel: 'SMS', tokenId: undefined, from: undefined, to: undefined },
      { limit: 5, cursor: null },
    );
    expect((await app.inject({ method: 'GET', url: '/v1/admin/activity?q=%2B447700900123' })).statusCode).toBe(200);
    expect(dashboard.activityPage).toHaveBeenLastCalledWith(expect.objectContaining({ destinationHash: 'hash-of-+447700900123' }), expect.anything());
    expect((await app.inject({ method: 'GET', url: '/v1/admin/activity?q=00u1abc' })).statusCode).toBe(200);
    expect(dashboard.activityPage).toHaveBeenLastCalledWith(expect.objectContaining({ oktaUser: '00u1abc' }), expect.anything());
    expect((await app.inject({ method: 'GET', url: '/v1/admin/auth-events?kind=conversion' })).statusCode).toBe(200);
    expect(dashboard.authEventPage).toHaveBeenLastCalledWith(expect.objectContaining({ kind: 'conversion' }), expect.anything());
    expect((await app.inject({ method: 'GET', url: '/v1/admin/dashboard?period=7d' })).statusCode).toBe(200);
    expect(dashboard.summary).toHaveBeenLastCalledWith('7d');
  });
});
