import { type SubmissionState, stateLabels } from '@baocao/domain';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Tag } from '../components/tag';
import { Text } from '../components/typography';
import { TIME_ZONE } from '../i18n/format';

type Language = 'vi' | 'en';

export function languageOf(language: string): Language {
  return language === 'en' ? 'en' : 'vi';
}

const stateColors: Record<SubmissionState, string> = {
  draft: 'gold',
  submitted: 'blue',
  accepted: 'green',
  returned: 'red',
};

/**
 * The state of a submission as a coloured tag ("Đang soạn", "Đã gửi", "Đã tiếp nhận", "Bị trả lại").
 * A consolidating unit enters nothing: until it sends, its report is "Chưa gửi lên cấp trên".
 */
export function StateTag({
  state,
  started = true,
  consolidation = false,
}: {
  state: string;
  started?: boolean;
  consolidation?: boolean;
}) {
  const { t, i18n } = useTranslation();
  if (!(state in stateLabels)) return <Tag>{state}</Tag>;
  if (state === 'draft' && consolidation)
    return (
      <Tag color="gold" data-testid="state-tag">
        {t('reports.notSentUp')}
      </Tag>
    );
  if (state === 'draft' && !started) return <Tag>{t('reports.notStarted')}</Tag>;
  const known = state as SubmissionState;
  return (
    <Tag color={stateColors[known]} data-testid="state-tag">
      {stateLabels[known][languageOf(i18n.language)]}
    </Tag>
  );
}

const reviewColors: Record<string, string> = { submitted: 'gold', accepted: 'green', returned: 'red' };

/** Where the reviewer stands on a revision: awaiting review, accepted, returned. */
export function ReviewStateTag({ state }: { state: string }) {
  const { t } = useTranslation();
  const label =
    state === 'accepted'
      ? t('reports.reviewState.accepted')
      : state === 'returned'
        ? t('reports.reviewState.returned')
        : t('reports.reviewState.submitted');
  return <Tag color={reviewColors[state] ?? 'default'}>{label}</Tag>;
}

const dueFormat = new Intl.DateTimeFormat('vi-VN', {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const timeFormat = new Intl.DateTimeFormat('vi-VN', {
  timeZone: TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** An instant as dd/MM/yyyy HH:mm in Vietnam's time zone. */
export function formatDueTime(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const p = Object.fromEntries(dueFormat.formatToParts(date).map((x) => [x.type, x.value]));
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** The wall-clock time of an instant in Vietnam, HH:mm:ss. */
export function formatClock(value: number | string | Date): string {
  return timeFormat.format(new Date(value));
}

/** A duration in words: "1 giờ 12 phút", "25 phút", "2 ngày 3 giờ"; seconds under an hour, so a countdown visibly ticks. */
export function formatDuration(ms: number, language: Language, withSeconds = true): string {
  const total = Math.max(0, Math.floor(Math.abs(ms) / 1000));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const u =
    language === 'vi'
      ? { d: 'ngày', h: 'giờ', m: 'phút', s: 'giây' }
      : { d: days === 1 ? 'day' : 'days', h: 'h', m: 'min', s: 's' };
  if (days > 0) return hours > 0 ? `${days} ${u.d} ${hours} ${u.h}` : `${days} ${u.d}`;
  if (hours > 0) return minutes > 0 ? `${hours} ${u.h} ${minutes} ${u.m}` : `${hours} ${u.h}`;
  if (!withSeconds) return `${Math.max(minutes, 1)} ${u.m}`;
  if (minutes > 0) return `${minutes} ${u.m} ${String(seconds).padStart(2, '0')} ${u.s}`;
  return `${seconds} ${u.s}`;
}

/** Lateness recorded on a revision: "đúng hạn" or "trễ 25 phút". */
export function LatenessTag({ minutesLate }: { minutesLate: number | null | undefined }) {
  const { t, i18n } = useTranslation();
  if (minutesLate === null || minutesLate === undefined) return null;
  if (minutesLate <= 0) return <Tag color="green">{t('reports.onTime')}</Tag>;
  return (
    <Tag color="orange">
      {t('reports.lateBy', { duration: formatDuration(minutesLate * 60_000, languageOf(i18n.language), false) })}
    </Tag>
  );
}

/** The current time, refreshed every `intervalMs` (for countdowns). */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export type WindowState = 'not_open' | 'open' | 'overdue' | 'closed';

export interface ScheduleTimes {
  opensAt: string;
  dueAt: string;
  closesAt: string;
}

/** Where the entry window stands at `now` (same rule as the server's windowState). */
export function windowStateAt(schedule: ScheduleTimes, now: number): WindowState {
  if (now < Date.parse(schedule.opensAt)) return 'not_open';
  if (now <= Date.parse(schedule.dueAt)) return 'open';
  if (now <= Date.parse(schedule.closesAt)) return 'overdue';
  return 'closed';
}

const windowColors: Record<WindowState, string> = {
  not_open: 'default',
  open: 'green',
  overdue: 'orange',
  closed: 'red',
};

export function WindowTag({ state }: { state: WindowState }) {
  const { t } = useTranslation();
  return (
    <Tag color={windowColors[state]} data-testid="window-tag">
      {t(`reports.window.${state}`)}
    </Tag>
  );
}

/**
 * The time left until the due instant, live: "còn 1 giờ 12 phút", "quá hạn 25 phút",
 * or "mở nhập sau …" before the window opens.
 */
export function DueCountdown({ schedule, now }: { schedule: ScheduleTimes; now: number }) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n.language);
  const state = windowStateAt(schedule, now);
  if (state === 'not_open')
    return (
      <Text type="secondary" data-testid="countdown">
        {t('reports.opensIn', { duration: formatDuration(Date.parse(schedule.opensAt) - now, language) })}
      </Text>
    );
  const left = Date.parse(schedule.dueAt) - now;
  if (left >= 0)
    return (
      <Text type={left < 30 * 60_000 ? 'warning' : undefined} strong data-testid="countdown">
        {t('reports.timeLeft', { duration: formatDuration(left, language) })}
      </Text>
    );
  return (
    <Text type="danger" strong data-testid="countdown">
      {t('reports.overdueBy', { duration: formatDuration(left, language) })}
    </Text>
  );
}

/** How a revision arrived: "Biểu mẫu web", "Tệp Excel", "API", "Tổng hợp", "Nhập tệp", "Kết nối tự động". */
export function useChannelLabel(): (channel: string | null | undefined) => string {
  const { t } = useTranslation();
  return (channel) => {
    switch (channel) {
      case 'web':
        return t('reports.channel.web');
      case 'excel':
        return t('reports.channel.excel');
      case 'api':
        return t('reports.channel.api');
      case 'consolidation':
        return t('reports.channel.consolidation');
      case 'import':
        return t('reports.channel.import');
      case 'connector':
        return t('reports.channel.connector');
      default:
        return channel ?? '';
    }
  };
}
