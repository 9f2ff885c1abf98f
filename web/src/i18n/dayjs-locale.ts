// dayjs in the interface language: its Vietnamese locale registered (antd's date pickers draw their
// months and weekdays with it) and made the default, following each language switch. Every module
// that uses dayjs or an antd date picker imports this file (i18n/dayjs-locale.test.ts checks it), so
// dayjs comes with the pages that show dates to pick, not with sign-in or report entry.
import 'dayjs/locale/vi';
import dayjs from 'dayjs';
import i18n from 'i18next';

const apply = (language: string | undefined) => dayjs.locale(language === 'en' ? 'en' : 'vi');
apply(i18n.language);
i18n.on('languageChanged', apply);
