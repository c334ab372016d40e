// The reference for HTTP overhead in `pnpm bench:money`: Fastify with one POST route and nothing else (no Nest, no
// auth, no database), answering a JSON body about the size of a posting. Prints "listening" when it accepts requests.
const fastifyPath = require.resolve('fastify', { paths: [require.resolve('@nestjs/platform-fastify')] });
const fastify = require(fastifyPath)({ logger: false });

fastify.post('/v1/echo', async (request, reply) => {
  reply.code(201);
  return { accepted: true, amountMinor: request.body.amountMinor, postedAt: new Date().toISOString() };
});

fastify.listen({ host: '127.0.0.1', port: Number(process.env.PORT) }).then(() => console.log('listening'));
process.on('SIGTERM', () => fastify.close().then(() => process.exit(0)));
