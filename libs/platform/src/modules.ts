import { coreModule, installModules, type AreaModule, type EntityList } from '@govdata/core';
import { assessmentModule } from '@govdata/assessment';
import { catalogModule } from '@govdata/catalog';
import { opendataModule } from '@govdata/opendata';
import { sharingModule } from '@govdata/sharing';
import { gatewayModule } from '@govdata/gateway';
import { lifecycleModule, upperDataModule } from '@govdata/lifecycle';
import { supervisionModule } from '@govdata/supervision';

/**
 * Every area of the platform, in dependency order — the one list that wires them: the ORM maps their entities,
 * the runners schedule their jobs, the sweep calls their overdue hooks and describes their subjects.
 * A new area adds one line here (docs/development.md, "Adding an area").
 */
export const PLATFORM_MODULES: readonly AreaModule[] = [coreModule, catalogModule, sharingModule, gatewayModule, supervisionModule, assessmentModule, opendataModule, lifecycleModule, upperDataModule];

/** Every entity the ORM knows. */
export const allEntities: EntityList = PLATFORM_MODULES.flatMap((m) => m.entities);

/** Installs the areas' jobs, overdue hooks and subject describers (idempotent). */
export function installPlatform(): void {
  installModules(PLATFORM_MODULES);
}
