import { stackConnections, testKafka, withAdmin, withPgClient } from '@microbank/testing';
async function main() {
  const stack = await stackConnections();
  await withPgClient(stack.postgres.adminUrl, async (c) => {
    console.table((await c.query(`SELECT d.datname, (pg_stat_file('base/' || d.oid || '/PG_VERSION')).modification AS created FROM pg_database d WHERE datname LIKE 'test\\_%' ORDER BY 2`)).rows);
  });
  await withAdmin(testKafka(stack), async (admin) => {
    const prefixes = new Set((await admin.listTopics()).filter((t) => /^(e2e|probe)\./.test(t)).map((t) => t.split('.').slice(0, 2).join('.')));
    const groups = new Set((await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => /^(e2e|probe)\./.test(g)).map((t) => t.split('.').slice(0, 2).join('.')));
    console.log({ topics: [...prefixes], groups: [...groups] });
  });
}
void main();
