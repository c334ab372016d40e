import { runService } from '@microbank/service-kit';
import { cardService } from './service-definition';

runService(cardService);
