// npx tsx scripts/oidc-test-provider.ts — the tests' OpenID provider on http://localhost:9400, to try
// "Đăng nhập bằng …" without a real one. Prints the variables to start Baocao with.
import { startTestProvider, TEST_CLIENT_ID, TEST_CLIENT_SECRET } from '../server/test/oidc-provider';

const baocao = `http://localhost:${process.env.PORT ?? 8080}`;
const callback = `${baocao}/api/v1/auth/oidc/callback`;
const provider = await startTestProvider({
  redirectUrls: [callback],
  port: Number(process.env.OIDC_TEST_PORT ?? 9400),
});
const people = [
  // A demo account: the first sign-in links it.
  { login: 'nguyenvana', name: 'Nguyễn Văn A', username: 'hanoi.nhaplieu' },
  // Nobody's account: refused, or created without roles with OIDC_CREATE_ACCOUNTS=on.
  { login: 'tranthib', name: 'Trần Thị B', username: 'tranthib' },
];
for (const [index, person] of people.entries())
  provider.identities.set(person.login, {
    login: person.login,
    password: 'thu-nghiem',
    subject: `test-${index + 1}`,
    claims: { preferred_username: person.username, name: person.name },
  });
console.log(`Test identity provider at ${provider.issuer}. Start Baocao with:

  OIDC_ISSUER=${provider.issuer} OIDC_CLIENT_ID=${TEST_CLIENT_ID} OIDC_CLIENT_SECRET=${TEST_CLIENT_SECRET} \\
  OIDC_REDIRECT_URL=${callback} npm start

and open ${baocao}. People (password "thu-nghiem"): ${people.map((p) => `${p.login} (${p.username})`).join(', ')}.
Ctrl-C stops it.`);
process.on('SIGINT', () => void provider.close().then(() => process.exit(0)));
