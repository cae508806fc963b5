import type { CreateUserInput, DepartmentDto, DepartmentInput, DepartmentQuery, Me, Page, UpdateUserInput, UserDto, UserQuery } from '@govdata/domain';
import { http } from './http';

export const login = (username: string, password: string) => http.post<Me>('/auth/login', { username, password });
export const logout = () => http.post<{ ok: true }>('/auth/logout');
export const fetchMe = () => http.get<Me>('/auth/me');

export const listDepartments = (q: Partial<DepartmentQuery>) => http.get<Page<DepartmentDto>>('/departments', q);
export const getDepartment = (id: number) => http.get<DepartmentDto>(`/departments/${id}`);
export const createDepartment = (input: DepartmentInput) => http.post<DepartmentDto>('/departments', input);
export const updateDepartment = (id: number, patch: Partial<DepartmentInput>) => http.patch<DepartmentDto>(`/departments/${id}`, patch);

export const listUsers = (q: Partial<UserQuery>) => http.get<Page<UserDto>>('/users', q as Record<string, string | number | boolean | undefined>);
export const createUser = (input: CreateUserInput) => http.post<UserDto>('/users', input);
export const updateUser = (id: number, patch: UpdateUserInput) => http.patch<UserDto>(`/users/${id}`, patch);
