import type { Strings } from '../../i18n/strings';

// The strings of sign-in with the identity provider (section `signIn`).

export const signInVi = {
  withProvider: 'Đăng nhập bằng {{label}}',
  or: 'hoặc dùng tài khoản Baocao',
  providerOnlyHint: 'Sử dụng tài khoản định danh của cơ quan, đơn vị bạn.',
  failedTitle: 'Chưa đăng nhập được',
  noRoleTitle: 'Tài khoản chưa được cấp vai trò',
  noRole:
    'Tài khoản {{username}} được tạo khi bạn đăng nhập lần đầu qua nhà cung cấp định danh, tạm đặt tại {{unit}} và chưa có vai trò nào, nên chưa xem hay nhập được dữ liệu. Hãy đề nghị quản trị đơn vị tìm tài khoản này trong mục Người dùng, chuyển về đơn vị của bạn và cấp vai trò.',
};

export const signInEn: Strings<typeof signInVi> = {
  withProvider: 'Sign in with {{label}}',
  or: 'or use a Baocao account',
  providerOnlyHint: 'Use the identity account of your agency or unit.',
  failedTitle: 'You are not signed in',
  noRoleTitle: 'Your account has no role yet',
  noRole:
    'The account {{username}} was created when you first signed in with the identity provider. It is placed at {{unit}} for now and has no role, so it can neither read nor enter data. Ask your unit administrator to find it under Users, move it to your unit and grant it roles.',
};
