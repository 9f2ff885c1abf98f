// antd's App alone (its message, notification and modal hooks), for app-frame.tsx to fetch.
export { App as AntApp } from 'antd';
