import { ElMessageBox } from 'element-plus'
import { i18n } from './i18n'

/** A warning dialog; true when the person confirmed. */
export function confirmed(message: string, title: string, confirmText: string): Promise<boolean> {
  return ElMessageBox.confirm(message, title, { type: 'warning', confirmButtonText: confirmText, cancelButtonText: i18n.global.t('app.cancel') })
    .then(() => true)
    .catch(() => false)
}
