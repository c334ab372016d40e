import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtAuthGuard } from './jwt-auth.guard';
import { JwtVerifier } from './jwt-verifier';

@Module({})
export class AuthModule {
  /** Guards every route with the user service's public key (Ed25519, SPKI PEM). */
  static forRoot(options: { publicKey: string }): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [
        { provide: JwtVerifier, useValue: new JwtVerifier(options.publicKey) },
        { provide: APP_GUARD, useClass: JwtAuthGuard },
      ],
      exports: [JwtVerifier],
    };
  }
}
