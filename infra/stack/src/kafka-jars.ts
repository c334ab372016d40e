import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { StackError, type StackConfig } from './stack-config';

const STAMP = '.fetched-for-pom';

/** Fails with one sentence when Java is missing or too old, instead of a spawn error later. */
export function requireJava(java: string): void {
  const result = spawnSync(java, ['-version'], { encoding: 'utf8' });
  if (result.error) {
    throw new StackError(
      'Java was not found. Kafka and ZooKeeper run on the JVM: install a JDK 17 or newer ' +
        '(e.g. `apt-get install openjdk-17-jdk-headless`) or run `docker compose up` instead.',
    );
  }
  const major = Number(/version "(\d+)/.exec(`${result.stderr}${result.stdout}`)?.[1] ?? 0);
  if (major < 11) {
    throw new StackError(
      `Java ${major || 'of an unknown version'} is too old for Kafka 3.9: install a JDK 17 or newer.`,
    );
  }
}

/** True when libs/ holds the jars for the current pom.xml. */
export async function kafkaJarsPresent(config: StackConfig): Promise<boolean> {
  const stamp = await readFile(path.join(config.kafkaLibs, STAMP), 'utf8').catch(() => '');
  return stamp.trim() === (await pomDigest(config));
}

/** Downloads Kafka, ZooKeeper and their dependencies from Maven Central into infra/kafka/libs (once). */
export async function fetchKafkaJars(config: StackConfig, logFile: string): Promise<void> {
  const mvn = spawnSync('mvn', ['--version'], { encoding: 'utf8' });
  if (mvn.error) {
    throw new StackError(
      'Maven was not found. It fetches the Kafka jars from Maven Central once: install it ' +
        '(e.g. `apt-get install maven`) or run `docker compose up` instead.',
    );
  }
  await mkdir(path.dirname(logFile), { recursive: true });
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(
      'mvn',
      ['--batch-mode', '--no-transfer-progress', '-f', config.kafkaPom, 'dependency:copy-dependencies'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', resolve);
  });
  await writeFile(logFile, output.join(''));
  if (code !== 0) {
    const tail = output.join('').split('\n').slice(-20).join('\n');
    throw new StackError(`Maven could not fetch the Kafka jars (exit ${code}); full output in ${logFile}`, tail);
  }
  await writeFile(path.join(config.kafkaLibs, STAMP), `${await pomDigest(config)}\n`);
}

async function pomDigest(config: StackConfig): Promise<string> {
  return createHash('sha256')
    .update(await readFile(config.kafkaPom))
    .digest('hex');
}
