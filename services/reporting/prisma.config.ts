import { definePrismaConfig } from '@microbank/database/prisma-config';

export default definePrismaConfig(__dirname);
