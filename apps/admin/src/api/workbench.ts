import type { WorkbenchDto } from '@govdata/domain';
import { http } from './http';

export const fetchWorkbench = () => http.get<WorkbenchDto>('/me/workbench');
