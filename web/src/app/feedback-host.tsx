import type { useAppProps } from 'antd/es/app/context';
import useMessage from 'antd/es/message/useMessage';
import useModal from 'antd/es/modal/useModal';
import useNotification from 'antd/es/notification/useNotification';
import { useEffect } from 'react';

/**
 * antd's message, notification and modal hooks with their holders, as antd's App renders them:
 * fetched by `AntApp` (ant-app.tsx) the first time a page calls one, and handed back once the
 * holders are mounted (a call before that would be dropped).
 */
export default function FeedbackHost({ onReady }: { onReady: (feedback: useAppProps) => void }) {
  const [message, messageHolder] = useMessage();
  const [notification, notificationHolder] = useNotification();
  const [modal, modalHolder] = useModal();
  useEffect(() => {
    onReady({ message, notification, modal });
  }, [message, notification, modal, onReady]);
  return (
    <>
      {modalHolder}
      {messageHolder}
      {notificationHolder}
    </>
  );
}
