import type { AreaModule } from '@govdata/core';
import { AppSystem } from './entities/app-system.entity';
import { CallChainHead, CallRecord, CallSeal, GrantLimit, GrantUsage } from './entities/call-record.entity';
import { DatasetUpstream } from './entities/dataset-upstream.entity';
import { DatasetVersion } from './entities/dataset-version.entity';
import { callSealJob } from './records/jobs';
import { endedGrantCallsJob } from './records/misuse';
import { excessiveVolumeJob } from './records/volume';
import { upstreamHealthJob } from './upstream/upstream';

/** 数据网关 (issue 15): datasets behind entries, application systems, the sharing gateway and its call records. */
export const gatewayModule: AreaModule = {
  name: 'gateway',
  entities: [DatasetVersion, DatasetUpstream, AppSystem, CallRecord, CallSeal, CallChainHead, GrantUsage, GrantLimit],
  jobs: [callSealJob, endedGrantCallsJob, excessiveVolumeJob, upstreamHealthJob],
};
