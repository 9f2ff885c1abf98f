import { addDays, type DirectiveKind } from '@baocao/domain';
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database';
import { recordAudit } from '../audit/audit.service';
import { hasDemoDirectives, insertDirective, insertProgress, insertTask } from '../tasks/tasks.queries';

// Demonstration directives and tasks (theo dõi nhiệm vụ), labelled `demo` on every page: the legal
// bases of the COVID-19 support regime (Resolution 68/NQ-CP of 1 July 2021 and Decision
// 23/2021/QĐ-TTg of 7 July 2021) with their assignments to ministries, provinces and a district,
// on the units that existed then; and a recent conclusion of the Government Office, dated
// relative to today, so the board shows every status at once: done on time, done late, overdue,
// in progress (one due within the ladder's three days) and regular. A task's status is never
// stored: the loader writes the deadlines, the lead unit's completion instants and the progress
// history, and the server clock judges the rest.

/** A day: fixed (`2021-07-20`) or counted from today (`{ days: -15 }`). */
type Day = string | { days: number };

interface DemoProgress {
  on: Day;
  /** The reporting unit's code; default the lead unit. */
  unit?: string;
  note: string;
  percent?: number;
  /** The lead unit reports the task done (percent 100). */
  done?: boolean;
}

interface DemoTask {
  title: string;
  lead: string;
  supporting?: string[];
  /** null: a regular task (thường xuyên). */
  deadline: Day | null;
  expectedResult: string;
  progress: DemoProgress[];
}

interface DemoDirective {
  kind: DirectiveKind;
  number: string;
  issuedOn: Day;
  issuer: string;
  summary: string;
  tasks: DemoTask[];
}

const done = (on: Day, note: string, unit?: string): DemoProgress => ({
  on,
  note,
  done: true,
  ...(unit ? { unit } : {}),
});
const step = (on: Day, percent: number, note: string, unit?: string): DemoProgress => ({
  on,
  percent,
  note,
  ...(unit ? { unit } : {}),
});

/**
 * A province's part of Resolution 68: reviewed and paid within the receipt window that
 * Resolution 126/NQ-CP extended to 31 January 2022. `finished` is when it reported done (null:
 * still open, so overdue), `paid` the people it reported paid.
 */
function provinceSupport(code: string, finished: string | null, paid: number): DemoTask {
  const thousands = (share: number) => new Intl.NumberFormat('vi-VN').format(Math.round((paid * share) / 10) * 10);
  return {
    title:
      'Tổ chức triển khai, rà soát, phê duyệt và chi trả kịp thời, đúng đối tượng các chính sách hỗ trợ người lao động và người sử dụng lao động gặp khó khăn do đại dịch COVID-19 trên địa bàn; báo cáo kết quả về Bộ Lao động – Thương binh và Xã hội',
    lead: code,
    deadline: '2022-01-31',
    expectedResult:
      'Người lao động, người sử dụng lao động đủ điều kiện được chi trả hỗ trợ; báo cáo kết quả thực hiện.',
    progress: [
      step(
        '2021-07-20',
        20,
        'Đã ban hành kế hoạch triển khai Nghị quyết 68/NQ-CP; công khai địa điểm tiếp nhận hồ sơ tại UBND cấp xã và cơ quan bảo hiểm xã hội.',
      ),
      step('2021-09-30', 55, `Đã phê duyệt và chi trả hỗ trợ cho ${thousands(0.5)} lượt người lao động.`),
      step(
        '2021-12-15',
        finished === null ? 85 : 80,
        `Lũy kế đã chi trả cho ${thousands(0.85)} lượt người lao động; đang thẩm định các hồ sơ còn lại.`,
      ),
      ...(finished === null
        ? [
            step(
              '2022-02-15',
              90,
              'Còn một số hồ sơ hộ kinh doanh chưa đủ điều kiện, đang phối hợp với cơ quan thuế xác minh; chưa gửi báo cáo tổng kết.',
            ),
          ]
        : [
            done(
              finished,
              `Hoàn thành chi trả hỗ trợ cho ${thousands(1)} lượt người lao động; đã gửi báo cáo tổng kết về Bộ Lao động – Thương binh và Xã hội.`,
            ),
          ]),
    ],
  };
}

/** A province's part of the recent conclusion: connect its monthly socio-economic report. */
function provinceConnection(code: string, deadline: number, progress: DemoProgress[]): DemoTask {
  return {
    title:
      'Hoàn thành kết nối, chia sẻ số liệu báo cáo tình hình kinh tế – xã hội hằng tháng của tỉnh sau sắp xếp đơn vị hành chính với Hệ thống thông tin báo cáo Chính phủ',
    lead: code,
    supporting: ['VPCP'],
    deadline: { days: deadline },
    expectedResult:
      'Báo cáo hằng tháng được gửi đúng hạn qua Hệ thống; số liệu của các xã, phường mới được tổng hợp đầy đủ.',
    progress,
  };
}

export const demoDirectives: DemoDirective[] = [
  {
    kind: 'resolution',
    number: '68/NQ-CP',
    issuedOn: '2021-07-01',
    issuer: 'CP',
    summary:
      'Nghị quyết về một số chính sách hỗ trợ người lao động và người sử dụng lao động gặp khó khăn do đại dịch COVID-19.',
    tasks: [
      {
        title:
          'Chủ trì, phối hợp với các bộ, cơ quan liên quan trình Thủ tướng Chính phủ ban hành Quyết định quy định việc thực hiện các chính sách hỗ trợ',
        lead: 'BLDTBXH',
        supporting: ['BTC', 'BHXHVN', 'NHNN'],
        deadline: '2021-07-10',
        expectedResult: 'Quyết định của Thủ tướng Chính phủ quy định trình tự, thủ tục, hồ sơ hỗ trợ.',
        progress: [
          step('2021-07-03', 60, 'Đã hoàn thành dự thảo Quyết định, lấy ý kiến các bộ, cơ quan liên quan.'),
          step('2021-07-04', 100, 'Bộ Tài chính thống nhất nội dung về nguồn kinh phí thực hiện.', 'BTC'),
          done('2021-07-07', 'Thủ tướng Chính phủ đã ký ban hành Quyết định 23/2021/QĐ-TTg ngày 07/7/2021.'),
        ],
      },
      {
        title: 'Theo dõi, đôn đốc việc thực hiện; tổng hợp, báo cáo Thủ tướng Chính phủ kết quả thực hiện Nghị quyết',
        lead: 'BLDTBXH',
        deadline: null,
        expectedResult: 'Báo cáo định kỳ hằng tháng và đột xuất theo yêu cầu của Thủ tướng Chính phủ.',
        progress: [
          step('2021-08-05', 10, 'Đã tổng hợp báo cáo tháng 7/2021 từ 63 tỉnh, thành phố gửi Thủ tướng Chính phủ.'),
          step(
            '2021-09-06',
            40,
            'Đã tổng hợp báo cáo tháng 8/2021; kiến nghị đơn giản hóa hồ sơ đối với lao động tự do.',
          ),
          step('2021-10-05', 60, 'Đã tổng hợp báo cáo tháng 9/2021; một số địa phương chi trả còn chậm.'),
        ],
      },
      {
        title:
          'Bảo đảm kinh phí từ nguồn dự phòng ngân sách trung ương; hướng dẫn các địa phương sử dụng ngân sách địa phương và bổ sung từ ngân sách trung ương để thực hiện hỗ trợ',
        lead: 'BTC',
        deadline: '2021-07-31',
        expectedResult: 'Văn bản hướng dẫn về nguồn kinh phí, cơ chế hỗ trợ từ ngân sách trung ương.',
        progress: [
          step('2021-07-26', 70, 'Đang tổng hợp nhu cầu kinh phí do các địa phương đề xuất.'),
          done(
            '2021-08-10',
            'Đã ban hành văn bản hướng dẫn nguồn kinh phí và nguyên tắc hỗ trợ từ ngân sách trung ương.',
          ),
        ],
      },
      {
        title:
          'Hướng dẫn thực hiện giảm mức đóng bảo hiểm tai nạn lao động, bệnh nghề nghiệp và tạm dừng đóng vào quỹ hưu trí và tử tuất',
        lead: 'BHXHVN',
        supporting: ['BLDTBXH'],
        deadline: '2021-07-20',
        expectedResult: 'Văn bản hướng dẫn của Bảo hiểm xã hội Việt Nam gửi bảo hiểm xã hội các tỉnh.',
        progress: [done('2021-07-16', 'Đã ban hành hướng dẫn gửi bảo hiểm xã hội các tỉnh, thành phố.')],
      },
      {
        title:
          'Hướng dẫn Ngân hàng Chính sách xã hội thực hiện cho vay trả lương ngừng việc, trả lương phục hồi sản xuất',
        lead: 'NHNN',
        deadline: '2021-07-20',
        expectedResult: 'Văn bản hướng dẫn cho vay trả lương.',
        progress: [
          step('2021-07-19', 80, 'Đang hoàn thiện dự thảo hướng dẫn, lấy ý kiến Bộ Tài chính về cấp bù lãi suất.'),
          done('2021-07-23', 'Đã ban hành văn bản hướng dẫn Ngân hàng Chính sách xã hội triển khai cho vay.'),
        ],
      },
      provinceSupport('01', '2022-01-25', 1_450_000),
      provinceSupport('79', '2022-02-18', 3_720_000),
      provinceSupport('31', '2022-01-28', 420_000),
      provinceSupport('48', '2022-01-20', 290_000),
      provinceSupport('38', '2022-01-27', 510_000),
      provinceSupport('40', '2022-02-09', 380_000),
      provinceSupport('74', '2022-01-30', 1_210_000),
      provinceSupport('92', null, 260_000),
      provinceSupport('02', null, 35_000),
    ],
  },
  {
    kind: 'decision',
    number: '23/2021/QĐ-TTg',
    issuedOn: '2021-07-07',
    issuer: 'CP',
    summary:
      'Quyết định của Thủ tướng Chính phủ quy định việc thực hiện một số chính sách hỗ trợ người lao động và người sử dụng lao động gặp khó khăn do đại dịch COVID-19.',
    tasks: [
      {
        title: 'Hướng dẫn mẫu biểu báo cáo, tổng hợp kết quả thực hiện chính sách hỗ trợ của các địa phương',
        lead: 'BLDTBXH',
        deadline: '2021-07-15',
        expectedResult: 'Mẫu biểu báo cáo hằng ngày, hằng tháng gửi các địa phương.',
        progress: [done('2021-07-14', 'Đã ban hành mẫu biểu báo cáo hằng ngày và hướng dẫn cập nhật lên Hệ thống.')],
      },
      ...(
        [
          ['01', '2021-07-16'],
          ['79', '2021-07-23'],
          ['31', '2021-07-19'],
          ['92', '2021-07-26'],
        ] as const
      ).map(
        ([code, on]): DemoTask => ({
          title:
            'Công bố thủ tục, công khai địa điểm tiếp nhận hồ sơ đề nghị hỗ trợ và phân công đơn vị đầu mối tiếp nhận, thẩm định trên địa bàn',
          lead: code,
          deadline: '2021-07-20',
          expectedResult: 'Quyết định công bố thủ tục hành chính; danh sách địa điểm tiếp nhận hồ sơ.',
          progress: [
            done(on, 'Đã ban hành quyết định công bố thủ tục và đăng tải trên cổng thông tin điện tử của tỉnh.'),
          ],
        }),
      ),
      {
        title:
          'Tiếp nhận, thẩm định hồ sơ đề nghị hỗ trợ hộ kinh doanh và lao động không có giao kết hợp đồng lao động, trình UBND thành phố phê duyệt',
        lead: '271',
        supporting: ['LDTBXH.271'],
        deadline: '2021-12-31',
        expectedResult: 'Danh sách đề nghị hỗ trợ trình UBND thành phố Hà Nội phê duyệt.',
        progress: [
          step('2021-08-16', 30, 'Đã tiếp nhận 1.240 hồ sơ hộ kinh doanh từ các xã, thị trấn.'),
          step('2021-10-15', 70, 'Đã thẩm định 2.030 hồ sơ; 96 hồ sơ trả lại để bổ sung.', 'LDTBXH.271'),
          done('2021-12-28', 'Hoàn thành thẩm định, trình UBND thành phố phê duyệt 2.415 hồ sơ.'),
        ],
      },
    ],
  },
  {
    kind: 'meeting_conclusion',
    number: '412/TB-VPCP',
    issuedOn: { days: -75 },
    issuer: 'VPCP',
    summary:
      'Kết luận của Thủ tướng Chính phủ tại Hội nghị trực tuyến về thực hiện chế độ báo cáo, cải cách thủ tục hành chính và giải ngân vốn đầu tư công sau sắp xếp đơn vị hành chính.',
    tasks: [
      {
        title:
          'Chỉ đạo Kho bạc Nhà nước cập nhật số liệu giải ngân vốn đầu tư công hằng tháng lên Hệ thống thông tin báo cáo Chính phủ',
        lead: 'BTC',
        deadline: { days: -45 },
        expectedResult: 'Số liệu giải ngân cập nhật trước ngày 5 hằng tháng.',
        progress: [
          step({ days: -60 }, 50, 'Đã hoàn thành kết nối thử nghiệm; đang đối chiếu danh mục dự án.'),
          done({ days: -47 }, 'Đã cập nhật số liệu giải ngân của tháng trước lên Hệ thống đúng hạn.'),
        ],
      },
      {
        title: 'Hướng dẫn các địa phương kiện toàn đầu mối thực hiện chế độ báo cáo sau sắp xếp đơn vị hành chính',
        lead: 'BNV',
        deadline: { days: -30 },
        expectedResult: 'Văn bản hướng dẫn gửi UBND các tỉnh, thành phố.',
        progress: [
          step({ days: -35 }, 60, 'Đang lấy ý kiến các địa phương về dự thảo hướng dẫn.'),
          done({ days: -22 }, 'Đã ban hành văn bản hướng dẫn gửi 34 tỉnh, thành phố.'),
        ],
      },
      provinceConnection('01', -15, [
        step({ days: -40 }, 40, 'Đã rà soát danh mục chỉ tiêu; đang cập nhật danh mục đơn vị hành chính cấp xã mới.'),
        step(
          { days: -12 },
          70,
          'Đã kết nối thử nghiệm; còn lỗi đồng bộ số liệu của một số phường, đang phối hợp khắc phục.',
        ),
      ]),
      provinceConnection('79', -15, [
        step({ days: -30 }, 60, 'Đã hoàn thành chuẩn hóa dữ liệu của 168 xã, phường, đặc khu.'),
        done({ days: -16 }, 'Đã gửi báo cáo tháng qua Hệ thống; số liệu khớp với báo cáo giấy.'),
      ]),
      provinceConnection('24', -5, [
        step({ days: -20 }, 50, 'Đang hợp nhất số liệu của tỉnh Bắc Giang và tỉnh Bắc Ninh (cũ).'),
      ]),
      provinceConnection('31', 2, [
        step({ days: -10 }, 60, 'Đã kết nối; đang kiểm tra chéo số liệu với Cục Thống kê.'),
      ]),
      provinceConnection('48', 20, [step({ days: -8 }, 30, 'Đã xây dựng kế hoạch; đang cập nhật danh mục đơn vị.')]),
      provinceConnection('38', 45, [step({ days: -3 }, 10, 'Đã phân công đầu mối thực hiện tại Sở Tài chính.')]),
      {
        title:
          'Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính; báo cáo hằng quý tình hình kiểm soát thủ tục hành chính qua Hệ thống',
        lead: '92',
        deadline: { days: -40 },
        expectedResult: 'Tỷ lệ số hóa hồ sơ đạt trên 80%; báo cáo quý gửi đúng hạn.',
        progress: [
          step({ days: -45 }, 70, 'Tỷ lệ số hóa đạt 72%; đang bổ sung nhân lực tại bộ phận một cửa.'),
          done({ days: -33 }, 'Tỷ lệ số hóa đạt 84%; đã gửi báo cáo quý qua Hệ thống.'),
        ],
      },
      {
        title: 'Tổng hợp, báo cáo Thủ tướng Chính phủ tình hình thực hiện các nhiệm vụ tại Thông báo kết luận này',
        lead: 'VPCP',
        deadline: null,
        expectedResult: 'Báo cáo hằng tháng tại phiên họp Chính phủ thường kỳ.',
        progress: [step({ days: -40 }, 30, 'Đã tổng hợp tình hình thực hiện tháng đầu; 2/10 nhiệm vụ đã hoàn thành.')],
      },
    ],
  },
];

const resolve = (day: Day, today: string) => (typeof day === 'string' ? day : addDays(today, day.days));
/** A report's instant: mid-afternoon in Vietnam on its day. */
const reportedAt = (day: string) => new Date(`${day}T15:30:00+07:00`);

/** The unit of this code valid on `on` (codes are reused across the 2025 reform). */
async function unitOn(tx: Tx, code: string, on: string): Promise<number | null> {
  const row = await tx
    .selectFrom('units')
    .select('id')
    .where('code', '=', code)
    .where('validFrom', '<=', on)
    .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>=', on)]))
    .orderBy('validFrom', 'desc')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** A demo account of the unit, to sign its progress reports (none: the system). */
async function reporterOf(tx: Tx, unitId: number): Promise<number | null> {
  const row = await tx
    .selectFrom('users')
    .select('id')
    .where('unitId', '=', unitId)
    .where('isDemo', '=', true)
    .orderBy('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Loads the demonstration directives and tasks once (none exist yet), on the units valid on each
 * directive's date; a directive whose issuer is missing, and a task whose lead unit is missing,
 * are left out. Returns the directives and tasks made, or null when demo directives exist.
 */
export async function loadDemoTasks(db: Db, today: string): Promise<{ directives: number; tasks: number } | null> {
  return db.transaction().execute(async (tx) => {
    // Two server processes starting at once load it once.
    await sql`SELECT pg_advisory_xact_lock(hashtext('baocao.demo-tasks'))`.execute(tx);
    if (await hasDemoDirectives(tx)) return null;
    let directives = 0;
    let tasks = 0;
    for (const directive of demoDirectives) {
      const issuedOn = resolve(directive.issuedOn, today);
      const issuerUnitId = await unitOn(tx, directive.issuer, issuedOn);
      if (issuerUnitId === null) continue;
      const { id } = await insertDirective(tx, {
        kind: directive.kind,
        number: directive.number,
        issuedOn,
        issuerUnitId,
        summary: directive.summary,
        demo: true,
        createdBy: null,
      });
      const made: number[] = [];
      for (const task of directive.tasks) {
        const leadUnitId = await unitOn(tx, task.lead, issuedOn);
        if (leadUnitId === null) continue;
        const supporting = new Map<string, number>();
        for (const code of task.supporting ?? []) {
          const unitId = await unitOn(tx, code, issuedOn);
          if (unitId !== null) supporting.set(code, unitId);
        }
        const finished = task.progress.find((p) => p.done);
        const lastPercent = task.progress.filter((p) => (p.unit ?? task.lead) === task.lead).at(-1)?.percent;
        const { id: taskId } = await insertTask(
          tx,
          {
            directiveId: id,
            title: task.title,
            deadline: task.deadline === null ? null : resolve(task.deadline, today),
            leadUnitId,
            expectedResult: task.expectedResult,
            createdBy: null,
            percent: finished ? 100 : (lastPercent ?? 0),
            completedAt: finished ? reportedAt(resolve(finished.on, today)) : null,
          },
          [...supporting.values()],
        );
        for (const report of task.progress) {
          const unitId = report.unit ? supporting.get(report.unit) : leadUnitId;
          if (unitId === undefined) continue;
          await insertProgress(tx, {
            taskId,
            unitId,
            reportedBy: await reporterOf(tx, unitId),
            reportedAt: reportedAt(resolve(report.on, today)),
            note: report.note,
            percent: report.done ? 100 : (report.percent ?? null),
            done: report.done === true,
          });
        }
        made.push(taskId);
      }
      await recordAudit(tx, null, [
        {
          action: 'directive.create',
          objectType: 'directive',
          objectId: id,
          unitId: issuerUnitId,
          after: { number: directive.number, issuedOn, demo: true, tasks: made },
        },
      ]);
      directives += 1;
      tasks += made.length;
    }
    return { directives, tasks };
  });
}
