import { Module } from '@nestjs/common';
import { PostingsRepository } from './postings.repository';
import { TransactionsConsumer } from './transactions.consumer';

@Module({ controllers: [TransactionsConsumer], providers: [PostingsRepository] })
export class PostingsModule {}
