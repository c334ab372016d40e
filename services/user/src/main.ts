import { runService } from '@microbank/service-kit';
import { userService } from './service-definition';

runService(userService);
