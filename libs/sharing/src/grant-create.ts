import { defaultValidUntil, type GrantSource } from '@govdata/domain';
import { shanghaiDate } from '@govdata/workdays';
import { ShareGrant, type IShareGrant } from './entities/share-grant.entity';
import { type IShareRequest } from './entities/share-request.entity';
import type { ShareContext } from './common';

export interface NewGrant {
  consumerId: number;
  providerId: number;
  entryId: number;
  source: GrantSource;
  request: IShareRequest | null;
  itemIds: number[];
  purpose: string;
  conditions: string | null;
}

/** 数据使用授权 (第二十七条): valid one year from today unless renewed. A 专用 grant holds its entry's active key. */
export function createGrant(ctx: Pick<ShareContext, 'em' | 'now'>, g: NewGrant): IShareGrant {
  return ctx.em.create(ShareGrant, {
    consumer: g.consumerId,
    provider: g.providerId,
    entry: g.entryId,
    source: g.source,
    request: g.request,
    activeKey: g.source === 'dedicated' ? `dedicated:${g.entryId}:${g.consumerId}` : null,
    itemIds: g.itemIds,
    purpose: g.purpose,
    conditions: g.conditions,
    grantedAt: ctx.now,
    validUntil: defaultValidUntil(shanghaiDate(ctx.now)),
    status: 'active',
    renewCount: 0,
    createdAt: ctx.now,
  });
}
