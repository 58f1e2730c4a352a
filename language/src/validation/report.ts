import type { AstNode, DiagnosticInfo, ValidationAcceptor } from 'langium';
import { DIAGNOSTIC_CODES, type DiagnosticCode } from './diagnostic-codes.js';

/** Reports a diagnostic with the code's default severity. */
export function report<N extends AstNode>(
    accept: ValidationAcceptor,
    code: DiagnosticCode,
    message: string,
    info: Omit<DiagnosticInfo<N>, 'code'>
): void {
    accept(DIAGNOSTIC_CODES[code].severity, message, { ...info, code } as DiagnosticInfo<N>);
}
