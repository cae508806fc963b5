import type { Health } from '@govdata/domain';
import { http } from './http';

export const fetchHealth = () => http.get<Health>('/health');
