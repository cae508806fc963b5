export { zhCN } from './zh-CN';
export { en } from './en';
